// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Deploy} from "./Deploy.s.sol";
import {ILiquidGovernor} from "../contracts/interfaces/ILiquidGovernor.sol";
import {IGovernanceSettings} from "../contracts/interfaces/IGovernanceSettings.sol";
import {
    Ballot,
    CommunityConfig,
    ProposalParams,
    VoteMode
} from "../contracts/types/GovernanceTypes.sol";

/// @title SeedDemo
/// @notice Fills a local chain with a demo community: a party convention with 30 members, three topics,
///         per-topic delegation (a popular delegate, chains up to five edges deep), a 10-bill agenda, a
///         quadratic poll, an executable proposal, and a first round of ballots.
/// @dev Two steps, because a proposal reads weights and delegations at its snapshot (creation time - 1):
///      members and delegations must sit in a block with an earlier timestamp than the proposals, and
///      anvil gives blocks mined within one second the same timestamp. A broadcast script cannot move
///      a live chain's clock, so `pnpm dev` runs `seedCommunity()`, advances anvil's time
///      (`evm_increaseTime` + `evm_mine`), then runs `seedAgenda()`. Each step reads and writes
///      `script/deployments/<chainId>-demo.json`. Tests call the `demo*` functions directly and warp.
///
///      Members are accounts 1..30 of `MNEMONIC` (default: anvil's `test test ... junk`, which anvil funds;
///      account 0 is the deployer, here registrar and bootstrap admin). Labels `#n` below are account indexes.
contract SeedDemo is Deploy {
    /// @notice Anvil's public dev mnemonic.
    string public constant DEFAULT_MNEMONIC =
        "test test test test test test test test test test test junk";
    uint256 public constant MEMBER_COUNT = 30;
    uint256 public constant BILL_COUNT = 10;
    uint8 public constant GENERAL = 0;
    uint8 public constant BUDGET = 1;
    uint8 public constant ENVIRONMENT = 2;
    /// @notice Option indexes of bills and executable proposals: [Against, For].
    uint8 public constant AGAINST = 0;
    uint8 public constant FOR = 1;
    /// @notice The quorum the executable proposal asks the timelock to set.
    uint16 public constant PROPOSED_QUORUM_BPS = 1500;

    /// @notice A member's keys below this balance get topped up by the deployer (anvil funds them already).
    uint256 internal constant _MIN_BALANCE = 0.05 ether;
    uint256 internal constant _TOP_UP = 0.1 ether;

    /// @notice The demo community and what was created in it.
    struct Demo {
        address community;
        address timelock;
        uint256 startBlock;
        address registrar;
        address[] members;
        uint64[] weights;
        uint256 firstBill;
        uint256 quadraticPoll;
        uint256 executableProposal;
    }

    /// @notice `run()` is not a step of this script.
    error SeedDemoUseSteps();
    /// @notice The public dev mnemonic's keys are everyone's: on chain `chainId`, set `MNEMONIC`.
    error SeedDemoPublicMnemonic(uint256 chainId);
    /// @notice `seedAgenda()` found no community at `community` (run `seedCommunity()` first, on this chain).
    error SeedDemoNoCommunity(address community);

    /// @notice Not a step: run `--sig "seedCommunity()"`, advance the chain's clock, then `--sig "seedAgenda()"`.
    function run() public pure override returns (Core memory) {
        revert SeedDemoUseSteps();
    }

    // ---------------------------------------------------------------- steps (broadcast)

    /// @notice Step 1: creates the community through the factory in `<chainId>.json`, adds the members and
    ///         their delegations, and writes `<chainId>-demo.json`.
    function seedCommunity() external returns (Demo memory demo) {
        (Core memory core,) = readDeployment(deploymentPath(""));
        uint256 adminKey = deployerKey();
        uint256[] memory keys = memberKeys();
        demo.startBlock = block.number + 1; // A lower bound, as in {Deploy-run}.
        demo.registrar = vm.addr(adminKey);
        fundMembers(adminKey, keys);
        (demo.community, demo.timelock) = demoCreateCommunity(core.factory, adminKey);
        (demo.members, demo.weights) =
            demoAddMembers(ILiquidGovernor(demo.community), adminKey, keys);
        demoDelegate(ILiquidGovernor(demo.community), keys);
        writeDemo(deploymentPath("-demo"), demo);
    }

    /// @notice Step 2, in a block with a later timestamp than step 1: creates the agenda, the quadratic poll
    ///         and the executable proposal, casts the first ballots, and completes `<chainId>-demo.json`.
    function seedAgenda() external returns (Demo memory demo) {
        demo = readDemo(deploymentPath("-demo"));
        if (demo.community.code.length == 0) revert SeedDemoNoCommunity(demo.community);
        uint256[] memory keys = memberKeys();
        ILiquidGovernor gov = ILiquidGovernor(demo.community);
        (demo.firstBill, demo.quadraticPoll, demo.executableProposal) = demoPropose(gov, keys);
        demoVote(gov, keys, demo.firstBill, demo.quadraticPoll, demo.executableProposal);
        writeDemo(deploymentPath("-demo"), demo);
    }

    // ---------------------------------------------------------------- members and keys

    /// @notice Keys of the members: accounts 1..30 of `MNEMONIC` (anvil's mnemonic on chain 31337 only).
    function memberKeys() public view returns (uint256[] memory keys) {
        string memory mnemonic = vm.envOr("MNEMONIC", string(""));
        if (bytes(mnemonic).length == 0) {
            if (block.chainid != ANVIL_CHAIN_ID) revert SeedDemoPublicMnemonic(block.chainid);
            mnemonic = DEFAULT_MNEMONIC;
        }
        keys = new uint256[](MEMBER_COUNT);
        for (uint256 i; i < MEMBER_COUNT; ++i) {
            keys[i] = vm.deriveKey(mnemonic, uint32(i + 1));
        }
    }

    /// @notice Voice credits of account `#n` (1..30): mostly 1–6, a few organisers with more.
    function demoWeight(uint256 n) public pure returns (uint64) {
        uint64[30] memory weights = [
            uint64(12),
            3,
            4,
            6,
            2,
            16,
            1,
            2,
            3,
            25, // #1 chair, #6 environment lead, #10 popular delegate
            2,
            1,
            4,
            3,
            1,
            2,
            5,
            1,
            2,
            3,
            20,
            4,
            2,
            5,
            9,
            1,
            2,
            3,
            1,
            8 // #21 treasurer
        ];
        return weights[n - 1];
    }

    /// @notice Sends `_TOP_UP` from the deployer to every member below `_MIN_BALANCE` (none on anvil).
    function fundMembers(uint256 adminKey, uint256[] memory keys) public {
        for (uint256 i; i < keys.length; ++i) {
            address member = vm.addr(keys[i]);
            if (member.balance >= _MIN_BALANCE) continue;
            vm.broadcast(adminKey);
            (bool ok,) = member.call{value: _TOP_UP}("");
            require(ok);
        }
    }

    // ---------------------------------------------------------------- step 1

    /// @notice Creates the demo community: registrar and bootstrap admin are the deployer; votes last 3 days
    ///         (polls may be as short as 10 minutes); the timelock waits an hour.
    function demoCreateCommunity(address factory, uint256 adminKey)
        public
        returns (address community, address timelock)
    {
        string[] memory topics = new string[](3);
        topics[GENERAL] = "General";
        topics[BUDGET] = "Budget";
        topics[ENVIRONMENT] = "Environment";
        CommunityConfig memory config = defaultConfig(topics);
        config.votingPeriod = 3 days;
        config.minVotingPeriod = 10 minutes;
        address admin = vm.addr(adminKey);
        vm.startBroadcast(adminKey);
        (community, timelock) = createCommunity(factory, config, 1 hours, admin, admin);
        vm.stopBroadcast();
    }

    /// @notice Adds the 30 members in one `addMembers` call from the registrar.
    function demoAddMembers(ILiquidGovernor gov, uint256 registrarKey, uint256[] memory keys)
        public
        returns (address[] memory members, uint64[] memory weights)
    {
        members = new address[](keys.length);
        weights = new uint64[](keys.length);
        for (uint256 i; i < keys.length; ++i) {
            members[i] = vm.addr(keys[i]);
            weights[i] = demoWeight(i + 1);
        }
        vm.broadcast(registrarKey);
        gov.addMembers(members, weights);
    }

    /// @notice The delegation graph, one transaction per (member, delegate):
    ///         General: #30 → #29 → #28 → #27 → #26 → #25 (five edges); #11–#17 → #10, #18 → #11; #2, #3 → #1.
    ///         Budget: #1–#4, #22–#24 → #21 (treasurer), #5 → #4, #10 → #21, #13, #14 → #10.
    ///         Environment: #7–#9, #19, #20 → #6; #25 → #24 → #23 → #22 → #6 (four edges); #10 → #6,
    ///         #13, #14 → #10. #13 and #14 delegate all three topics to #10 in one call.
    function demoDelegate(ILiquidGovernor gov, uint256[] memory keys) public {
        // General: a chain five edges deep, delegated bottom-up.
        for (uint256 n = 30; n > 25; --n) {
            _delegate(gov, keys, n, _topics(GENERAL), n - 1);
        }
        // A popular delegate in General; two members follow them in every topic.
        _delegate(gov, keys, 13, _allTopics(), 10);
        _delegate(gov, keys, 14, _allTopics(), 10);
        for (uint256 n = 11; n <= 17; ++n) {
            if (n != 13 && n != 14) _delegate(gov, keys, n, _topics(GENERAL), 10);
        }
        _delegate(gov, keys, 18, _topics(GENERAL), 11);
        _delegate(gov, keys, 2, _topics(GENERAL), 1);
        _delegate(gov, keys, 3, _topics(GENERAL), 1);
        // Budget: the treasurer, who also receives the popular delegate's budget mass.
        for (uint256 n = 1; n <= 4; ++n) {
            _delegate(gov, keys, n, _topics(BUDGET), 21);
        }
        for (uint256 n = 22; n <= 24; ++n) {
            _delegate(gov, keys, n, _topics(BUDGET), 21);
        }
        _delegate(gov, keys, 5, _topics(BUDGET), 4);
        _delegate(gov, keys, 10, _topics(BUDGET), 21);
        // Environment: the environment lead, with a chain of four edges.
        _delegate(gov, keys, 7, _topics(ENVIRONMENT), 6);
        _delegate(gov, keys, 8, _topics(ENVIRONMENT), 6);
        _delegate(gov, keys, 9, _topics(ENVIRONMENT), 6);
        _delegate(gov, keys, 19, _topics(ENVIRONMENT), 6);
        _delegate(gov, keys, 20, _topics(ENVIRONMENT), 6);
        _delegate(gov, keys, 22, _topics(ENVIRONMENT), 6);
        _delegate(gov, keys, 23, _topics(ENVIRONMENT), 22);
        _delegate(gov, keys, 24, _topics(ENVIRONMENT), 23);
        _delegate(gov, keys, 25, _topics(ENVIRONMENT), 24);
        _delegate(gov, keys, 10, _topics(ENVIRONMENT), 6);
    }

    // ---------------------------------------------------------------- step 2

    /// @notice The chair (#1) tables the convention agenda (10 bills in one `proposeBatch`, one day each),
    ///         a quadratic poll with 4 options, and an executable proposal: the timelock sets the quorum to 15%.
    function demoPropose(ILiquidGovernor gov, uint256[] memory keys)
        public
        returns (uint256 firstBill, uint256 quadraticPoll, uint256 executableProposal)
    {
        ProposalParams[] memory agenda = new ProposalParams[](BILL_COUNT);
        string[10] memory titles = [
            "Bill 1: Adopt the 2026 party platform preamble",
            "Bill 2: Two-term limit for elected party officers",
            "Bill 3: Open primaries for every candidate selection",
            "Bill 4: Publish all convention votes and delegations",
            "Bill 5: 2026 operating budget of 1.2 million",
            "Bill 6: Waive membership dues for members under 26",
            "Bill 7: Cap campaign spending per district",
            "Bill 8: Net-zero party operations by 2030",
            "Bill 9: Oppose the coastal LNG terminal",
            "Bill 10: Rail-first transport policy for regional towns"
        ];
        for (uint256 i; i < BILL_COUNT; ++i) {
            agenda[i] = _params(
                i < 4 ? GENERAL : i < 7 ? BUDGET : ENVIRONMENT,
                VoteMode.Single,
                1 days,
                titles[i],
                _againstFor()
            );
        }
        string[] memory projects = new string[](4);
        projects[0] = "Youth office";
        projects[1] = "Community solar co-op";
        projects[2] = "Local newspaper ads";
        projects[3] = "Member training";
        address[] memory targets = new address[](1);
        targets[0] = address(gov);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(IGovernanceSettings.setQuorum, (PROPOSED_QUORUM_BPS));

        vm.startBroadcast(keys[0]);
        firstBill = gov.proposeBatch(agenda);
        quadraticPoll = gov.propose(
            _params(
                BUDGET,
                VoteMode.Quadratic,
                0,
                "Participatory budget: fund which projects first?",
                projects
            )
        );
        executableProposal = gov.proposeExecutable(
            _params(
                GENERAL,
                VoteMode.Single,
                0,
                "Lower the quorum to 15% of total weight",
                _againstFor()
            ),
            targets,
            new uint256[](1),
            calldatas
        );
        vm.stopBroadcast();
    }

    /// @notice The first ballots, one `castVotes` per voter. Direct votes override delegates: #12 and #17
    ///         leave #10 on single bills, #27 votes inside the General chain and carries #28–#30.
    function demoVote(
        ILiquidGovernor gov,
        uint256[] memory keys,
        uint256 bill,
        uint256 poll,
        uint256 exec
    ) public {
        uint8 abstain = gov.ABSTAIN();
        // The popular General delegate.
        _vote(
            gov,
            keys,
            10,
            _b(bill, FOR),
            _b(bill + 1, FOR),
            _b(bill + 2, AGAINST),
            _b(bill + 3, FOR),
            _b(exec, FOR),
            _q(poll, 0, 0, 5, 0)
        );
        // The chair.
        _vote(
            gov,
            keys,
            1,
            _b(bill, FOR),
            _b(bill + 1, AGAINST),
            _b(bill + 2, AGAINST),
            _b(bill + 3, FOR),
            _b(bill + 4, FOR),
            _q(poll, 1, 1, 1, 3)
        );
        _vote(gov, keys, 12, _b(bill + 1, AGAINST));
        _vote(gov, keys, 27, _b(bill, FOR));
        _vote(gov, keys, 25, _b(bill, AGAINST), _q(poll, 2, 2, 1, 0));
        // The treasurer.
        _vote(
            gov,
            keys,
            21,
            _b(bill + 4, FOR),
            _b(bill + 5, FOR),
            _b(bill + 6, AGAINST),
            _q(poll, 3, 1, 3, 1)
        );
        _vote(gov, keys, 4, _b(bill + 5, AGAINST));
        _vote(gov, keys, 3, _b(bill + 6, FOR));
        // The environment lead.
        _vote(
            gov,
            keys,
            6,
            _b(bill + 7, FOR),
            _b(bill + 8, FOR),
            _b(bill + 9, FOR),
            _q(poll, 0, 4, 0, 0)
        );
        _vote(gov, keys, 22, _b(bill + 8, AGAINST));
        _vote(gov, keys, 19, _b(bill + 9, abstain));
        // Two members against the executable proposal.
        _vote(gov, keys, 30, _b(exec, AGAINST));
        _vote(gov, keys, 17, _b(exec, AGAINST));
    }

    // ---------------------------------------------------------------- the demo file

    /// @notice Writes `{ chainId, community, timelock, startBlock, registrar, members, weights, topicIds,
    ///         topicNames, bills, quadraticPoll, executableProposal }` to `path` (proposal ids are 0 until
    ///         step 2).
    function writeDemo(string memory path, Demo memory demo) public {
        string memory obj = "demo";
        uint256[] memory weights = new uint256[](demo.weights.length);
        for (uint256 i; i < weights.length; ++i) {
            weights[i] = demo.weights[i];
        }
        uint256[] memory topicIds = new uint256[](3);
        string[] memory topicNames = new string[](3);
        (topicIds[1], topicIds[2]) = (BUDGET, ENVIRONMENT);
        (topicNames[0], topicNames[1], topicNames[2]) = ("General", "Budget", "Environment");
        uint256[] memory bills = new uint256[](demo.firstBill == 0 ? 0 : BILL_COUNT);
        for (uint256 i; i < bills.length; ++i) {
            bills[i] = demo.firstBill + i;
        }
        vm.serializeUint(obj, "chainId", block.chainid);
        vm.serializeAddress(obj, "community", demo.community);
        vm.serializeAddress(obj, "timelock", demo.timelock);
        vm.serializeUint(obj, "startBlock", demo.startBlock);
        vm.serializeAddress(obj, "registrar", demo.registrar);
        vm.serializeAddress(obj, "members", demo.members);
        vm.serializeUint(obj, "weights", weights);
        vm.serializeUint(obj, "topicIds", topicIds);
        vm.serializeString(obj, "topicNames", topicNames);
        vm.serializeUint(obj, "bills", bills);
        vm.serializeUint(obj, "quadraticPoll", demo.quadraticPoll);
        vm.writeJson(vm.serializeUint(obj, "executableProposal", demo.executableProposal), path);
    }

    /// @notice Reads what {writeDemo} wrote.
    function readDemo(string memory path) public view returns (Demo memory demo) {
        string memory json = vm.readFile(path);
        demo.community = vm.parseJsonAddress(json, ".community");
        demo.timelock = vm.parseJsonAddress(json, ".timelock");
        demo.startBlock = vm.parseJsonUint(json, ".startBlock");
        demo.registrar = vm.parseJsonAddress(json, ".registrar");
        demo.members = vm.parseJsonAddressArray(json, ".members");
        uint256[] memory weights = vm.parseJsonUintArray(json, ".weights");
        demo.weights = new uint64[](weights.length);
        for (uint256 i; i < weights.length; ++i) {
            demo.weights[i] = uint64(weights[i]);
        }
        uint256[] memory bills = vm.parseJsonUintArray(json, ".bills");
        if (bills.length != 0) demo.firstBill = bills[0];
        demo.quadraticPoll = vm.parseJsonUint(json, ".quadraticPoll");
        demo.executableProposal = vm.parseJsonUint(json, ".executableProposal");
    }

    // ---------------------------------------------------------------- helpers

    /// @notice A proposal's parameters; its metadata is a JSON document `{ title, options }` carried in a
    ///         base64 `data:` URI, and `metadataHash` is the document's keccak256.
    function _params(
        uint8 topic,
        VoteMode mode,
        uint32 votingPeriod,
        string memory title,
        string[] memory options
    ) internal pure returns (ProposalParams memory) {
        string memory list;
        for (uint256 i; i < options.length; ++i) {
            list = string.concat(list, i == 0 ? '"' : ',"', options[i], '"');
        }
        bytes memory document =
            bytes(string.concat('{"title":"', title, '","options":[', list, "]}"));
        return ProposalParams({
            topic: topic,
            mode: mode,
            optionCount: uint8(options.length),
            votingPeriod: votingPeriod,
            metadataHash: keccak256(document),
            metadataURI: string.concat("data:application/json;base64,", Base64.encode(document))
        });
    }

    function _againstFor() internal pure returns (string[] memory options) {
        options = new string[](2);
        (options[AGAINST], options[FOR]) = ("Against", "For");
    }

    /// @dev Member `#n` delegates `topics` to member `#to`.
    function _delegate(
        ILiquidGovernor gov,
        uint256[] memory keys,
        uint256 n,
        uint8[] memory topics,
        uint256 to
    ) internal {
        address delegatee = vm.addr(keys[to - 1]);
        vm.broadcast(keys[n - 1]);
        gov.delegate(topics, delegatee);
    }

    function _topics(uint8 topic) internal pure returns (uint8[] memory topics) {
        topics = new uint8[](1);
        topics[0] = topic;
    }

    function _allTopics() internal pure returns (uint8[] memory topics) {
        topics = new uint8[](3);
        (topics[1], topics[2]) = (BUDGET, ENVIRONMENT);
    }

    function _b(uint256 proposalId, uint8 option) internal pure returns (Ballot memory) {
        return Ballot({proposalId: proposalId, option: option, votes: new uint32[](0)});
    }

    function _q(uint256 proposalId, uint32 a, uint32 b, uint32 c, uint32 d)
        internal
        pure
        returns (Ballot memory ballot)
    {
        ballot.proposalId = proposalId;
        ballot.votes = new uint32[](4);
        (ballot.votes[0], ballot.votes[1], ballot.votes[2], ballot.votes[3]) = (a, b, c, d);
    }

    function _vote(ILiquidGovernor gov, uint256[] memory keys, uint256 n, Ballot memory b0)
        internal
    {
        Ballot[] memory ballots = new Ballot[](1);
        ballots[0] = b0;
        _castVotes(gov, keys, n, ballots);
    }

    function _vote(
        ILiquidGovernor gov,
        uint256[] memory keys,
        uint256 n,
        Ballot memory b0,
        Ballot memory b1
    ) internal {
        Ballot[] memory ballots = new Ballot[](2);
        (ballots[0], ballots[1]) = (b0, b1);
        _castVotes(gov, keys, n, ballots);
    }

    function _vote(
        ILiquidGovernor gov,
        uint256[] memory keys,
        uint256 n,
        Ballot memory b0,
        Ballot memory b1,
        Ballot memory b2,
        Ballot memory b3
    ) internal {
        Ballot[] memory ballots = new Ballot[](4);
        (ballots[0], ballots[1], ballots[2], ballots[3]) = (b0, b1, b2, b3);
        _castVotes(gov, keys, n, ballots);
    }

    function _vote(
        ILiquidGovernor gov,
        uint256[] memory keys,
        uint256 n,
        Ballot memory b0,
        Ballot memory b1,
        Ballot memory b2,
        Ballot memory b3,
        Ballot memory b4,
        Ballot memory b5
    ) internal {
        Ballot[] memory ballots = new Ballot[](6);
        (ballots[0], ballots[1], ballots[2], ballots[3], ballots[4], ballots[5]) =
        (b0, b1, b2, b3, b4, b5);
        _castVotes(gov, keys, n, ballots);
    }

    function _castVotes(
        ILiquidGovernor gov,
        uint256[] memory keys,
        uint256 n,
        Ballot[] memory ballots
    ) internal {
        vm.broadcast(keys[n - 1]);
        gov.castVotes(ballots);
    }
}
